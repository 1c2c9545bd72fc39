"""Section forms generated from the report template: fields, tables, narrative, lists."""
