"""The wire layer: what each API takes and gives, as attrs classes that cattrs structures and unstructures.

`fields` holds the vocabulary (field constraints, shared wire types), `reading` turns requests into those
classes with every problem reported in the API's own wording, and one module per resource area declares its
request and response classes. The OpenAPI document is generated from the same classes."""
