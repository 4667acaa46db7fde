"""What every stage of the pipeline shares and none owns: CSV cells made safe for
spreadsheets, untrusted text printed to a terminal.  It imports no stage."""
