"""Contacts with the public: inquiries, complaints, suggestions, and their follow-up."""
