"""Every accounts statement to the store, one module per entity: ``accounts``
(``accounts_visible_to``), ``refresh_tokens`` (authorised by possession, no principal
reads), ``audit`` (``audit_entries_visible_to``; the audit log's writer). Never commits (the
request boundary does; the audit writer commits its own entries).

Callers import the package (``from subgraphs.accounts import repository as repo``).
"""

from subgraphs.accounts.repository.accounts import (
                                                    account_by_email,
                                                    account_by_id_for_refresh,
                                                    accounts_by_ids,
                                                    accounts_visible_to,
                                                    insert_account,
)
from subgraphs.accounts.repository.audit import append_entries, audit_entries, audit_entries_visible_to
from subgraphs.accounts.repository.refresh_tokens import (
                                                    claim_refresh_token,
                                                    insert_refresh_token,
                                                    refresh_token_by_hash,
                                                    revoke_account_families,
                                                    revoke_family,
)

__all__ = [
    "account_by_email", "account_by_id_for_refresh", "accounts_by_ids", "accounts_visible_to",
    "append_entries", "audit_entries", "audit_entries_visible_to", "claim_refresh_token",
    "insert_account", "insert_refresh_token", "refresh_token_by_hash",
    "revoke_account_families", "revoke_family",
]
