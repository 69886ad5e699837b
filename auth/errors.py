"""Authentication failures, carrying a code from the closed error catalogue."""


class AuthError(Exception):
    def __init__(self, message: str, code: str = "UNAUTHENTICATED") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
