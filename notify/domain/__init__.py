"""The pure core of notify: attrs value objects and rules. Stdlib and attrs only; no I/O, no clock."""
