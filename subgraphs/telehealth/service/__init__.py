"""telehealth business rules, one module per rule. No GraphQL, no SQL here.

- ``rooms``: the Jitsi room of a consultation
- ``paging``: list limits (``last`` arguments)
- ``events``: the topic and payloads of a consultation's events
- ``chat``: posting in a consultation's chat
- ``lifecycle``: consultation status moves SCHEDULED -> IN_PROGRESS -> ENDED (staff)
"""
