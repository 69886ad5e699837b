"""Router -> subgraph transports: in-process ASGI calls and pooled HTTP."""

from supergraph.transport.base import SubgraphTransport, SubgraphTransportError
from supergraph.transport.http import HttpTransport
from supergraph.transport.inprocess import InProcessTransport

__all__ = ["SubgraphTransport", "SubgraphTransportError", "HttpTransport", "InProcessTransport"]
