"""training business rules, one module per rule. No GraphQL, no SQL here.

- ``progress``: how far a plan is (``TrainingPlan.progressPercent``)
"""
