"""Reading and writing report files: the JSON exchange format (and, later, workbooks)."""
