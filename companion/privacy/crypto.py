"""Key derivation and authenticated encryption, all from the ``cryptography`` package.

A person's key is derived from their passphrase with scrypt and a random
16-byte salt; each note is sealed with AES-256-GCM under a fresh random 96-bit
nonce, with associated data binding the person and the note's key, so a
ciphertext moved to another note or person fails to open. Nothing here is
home-made cryptography: it only chooses parameters and encodes bytes.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from companion.domain.base import Role
from companion.domain.private import KdfParams

STRONG_COST = 2**17
"""scrypt's cost for real passphrases (OWASP's recommendation: N=2^17, r=8, p=1; ~0.5 s)."""

MIN_COST = 2**10
"""The lowest cost accepted when a vault is made (tests pass it explicitly, never the app)."""

CHECK_TEXT = b"companion private notes v1"
"""The known text sealed as a passphrase check."""


class OpenError(Exception):
    """A sealed text could not be opened: wrong key, or the ciphertext was changed."""


def b64(data: bytes) -> str:
    """Return ``data`` as base64 text."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Return the bytes of base64 ``text``."""
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_kdf(cost: int = STRONG_COST) -> KdfParams:
    """Return fresh scrypt parameters with a random salt; ``cost`` must be a power of two."""
    if cost < MIN_COST or cost & (cost - 1):
        raise ValueError(f"scrypt cost must be a power of two of at least {MIN_COST}")
    return KdfParams(n=cost, salt=b64(os.urandom(16)))


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    """Return the 256-bit key derived from ``passphrase`` with ``params``."""
    if params.n & (params.n - 1):
        raise OpenError("the stored key parameters are not valid")
    kdf = Scrypt(salt=unb64(params.salt), length=32, n=params.n, r=params.r, p=params.p)
    return kdf.derive(passphrase.encode("utf-8"))


def _aad(role: Role, key: str) -> bytes:
    return f"companion:v1:{role}:{key}".encode()


def seal(key: bytes, role: Role, note_key: str, text: str) -> tuple[str, str]:
    """Encrypt ``text`` for ``role``'s note ``note_key``; return (nonce, ciphertext) in base64."""
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, text.encode("utf-8"), _aad(role, note_key))
    return b64(nonce), b64(sealed)


def open_sealed(key: bytes, role: Role, note_key: str, nonce: str, ciphertext: str) -> str:
    """Decrypt a sealed note; raise OpenError when the key is wrong or the text was changed."""
    try:
        plain = AESGCM(key).decrypt(unb64(nonce), unb64(ciphertext), _aad(role, note_key))
    except (InvalidTag, ValueError) as exc:
        raise OpenError("the note could not be opened with this key") from exc
    return plain.decode("utf-8")


def make_check(key: bytes, role: Role) -> tuple[str, str]:
    """Return (nonce, ciphertext) of the passphrase check for ``role``."""
    return seal(key, role, "check", CHECK_TEXT.decode())


def key_matches(key: bytes, role: Role, nonce: str, check: str) -> bool:
    """Return whether ``key`` opens ``role``'s passphrase check (no note is decrypted)."""
    try:
        return open_sealed(key, role, "check", nonce, check).encode() == CHECK_TEXT
    except OpenError:
        return False
