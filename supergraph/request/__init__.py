"""Request preparation before planning: parsing, validation, the normalized operation,
``@skip``/``@include`` conditions, authorization filtering and the request caches
(``prepared.Preparation``)."""
