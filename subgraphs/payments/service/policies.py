"""Insurance policy rules: the policy of a pet (``Pet.insurance``) is its active one."""

from __future__ import annotations

ACTIVE_POLICY = "ACTIVE"  # the status of a policy that covers its pet now
