"""Authentication for API endpoints that serve staff: the browser session, with the login completed."""

from ninja.security import SessionAuth

from accounts import rules


class StaffSessionAuth(SessionAuth):
    """Session of a staff member who passed both login steps; anything else is 401."""

    def authenticate(self, request, key):
        user = request.user
        if rules.is_staff_member(user) and rules.is_verified(user):
            return user
        return None


staff_auth = StaffSessionAuth()
