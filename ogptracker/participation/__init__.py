"""Citizens and civil society ask, comment and follow: questions with official answers,
moderation, follows by e-mail and feed."""
