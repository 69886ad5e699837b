"""The federation conformance cases (``tests.support.conformance``) through the router:
in-process (``test_conformance_inprocess``) and over HTTP (``test_conformance_http``)."""
