"""The report's domain: units, periods, templates, figures, rates and rules. Pure Python, no Qt."""
