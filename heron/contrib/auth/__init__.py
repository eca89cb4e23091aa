"""Accounts: users, groups, permissions, sign-in, passwords."""
