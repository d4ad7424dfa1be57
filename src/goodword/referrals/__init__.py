"""Referrals through their pipeline, and the give/take ledger."""
