"""Ed25519 signing keys for the token issuer and for the router's identity tokens.

In development the keys are generated once under ``<data_dir>/keys`` (0600). Outside
development they must come from settings, and the development files are refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from auth.settings import KeySettings


@dataclass(frozen=True)
class KeyPair:
    private_pem: bytes
    public_pem: bytes

    @classmethod
    def generate(cls) -> "KeyPair":
        key = Ed25519PrivateKey.generate()
        return cls.from_private_pem(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))

    @classmethod
    def from_private_pem(cls, pem: bytes) -> "KeyPair":
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("signing keys must be Ed25519")
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        return cls(private_pem=pem, public_pem=public)

    def private_key(self) -> Ed25519PrivateKey:
        key = serialization.load_pem_private_key(self.private_pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("signing keys must be Ed25519")
        return key

    def public_key(self) -> Ed25519PublicKey:
        key = serialization.load_pem_public_key(self.public_pem)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("verification keys must be Ed25519")
        return key


def _dev_key(data_dir: Path, name: str) -> KeyPair:
    """The development key ``name``, generated on first use. Processes starting together on
    a fresh data dir (``pawgraph subgraph`` x 8) agree on one key: each writes its own
    complete temporary file and links it into place (atomic, fails if the name exists);
    the losers read the winner's file, never a half-written one."""
    path = data_dir / "keys" / f"{name}.pem"
    if path.exists():
        return KeyPair.from_private_pem(path.read_bytes())
    path.parent.mkdir(parents=True, exist_ok=True)
    pair = KeyPair.generate()
    temporary = path.with_name(f".{name}.{os.getpid()}.{os.urandom(4).hex()}.pem")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pair.private_pem)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return KeyPair.from_private_pem(path.read_bytes())
        except OSError:  # no hard links on this file system: exclusive create instead
            return _write_exclusive(path, pair)
        return pair
    finally:
        temporary.unlink(missing_ok=True)


def _write_exclusive(path: Path, pair: KeyPair) -> KeyPair:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return KeyPair.from_private_pem(path.read_bytes())
    with os.fdopen(fd, "wb") as fh:
        fh.write(pair.private_pem)
    return pair


def load_key(settings: KeySettings, name: str) -> KeyPair:
    """``name`` is ``issuer`` or ``router``."""
    configured = getattr(settings.auth, f"{name}_private_key")
    if configured is not None:
        return KeyPair.from_private_pem(configured.get_secret_value().encode())
    if not settings.is_development:
        raise RuntimeError(
            f"PAWGRAPH_AUTH__{name.upper()}_PRIVATE_KEY must be set outside development")
    return _dev_key(settings.data_dir, name)


def public_pem(settings: KeySettings, name: str) -> bytes:
    """The public half only (what subgraphs and the router need to verify)."""
    configured = getattr(settings.auth, f"{name}_public_key")
    if configured:
        return configured.encode()
    return load_key(settings, name).public_pem


def issuer_verification_pems(settings: KeySettings) -> list[bytes]:
    """Public keys that verify client tokens: the current issuer key, then the previous ones
    still in their rollover window (``PAWGRAPH_AUTH__ISSUER_PREVIOUS_PUBLIC_KEYS``)."""
    current = public_pem(settings, "issuer")
    previous = [p.encode() for p in settings.auth.issuer_previous_public_keys]
    return [current, *(p for p in previous if p.strip() != current.strip())]
