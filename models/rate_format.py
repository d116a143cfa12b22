"""How a rate reads on screen: one home, so that the rounding and decimals
setting (issue 13) changes it in one place."""

RATE_DECIMALS = 1


def format_rate(env, value):
    """``0.986`` -> ``"98,6 %"`` in Vietnamese (the language's decimal
    point); blank when the rate has no denominator (``None``).

    A rate is at most 100 %: no thousands separator to place, so the
    language's full number formatting (ten times slower, and the dashboard
    formats a rate per unit) is not needed.
    """
    if value is None:
        return ""
    lang = env["res.lang"]._get_data(code=env.lang or env.user.lang or "en_US")
    # A language that is not installed (a script's call): Vietnamese style.
    point = lang.decimal_point or ","
    return f"{value * 100:.{RATE_DECIMALS}f}".replace(".", point) + " %"
