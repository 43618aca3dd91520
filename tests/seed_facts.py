"""What the real minutes in the seed data say, as the tests expect to read them back."""

# Commitment and percent as the minutes of 17 June 2020 give them; commitment 7
# was not reported on.
JUNE_2020_PERCENTS = [
    (1, 100),
    (2, 100),
    (3, 65),
    (4, 64),
    (5, 100),
    (6, 89),
    (8, 100),
    (9, 88),
    (10, 91),
    (11, 98),
    (12, 100),
    (13, 14),
    (14, 26),
    (15, 63),
    (16, 88),
    (17, 81),
    (18, 48),
]
