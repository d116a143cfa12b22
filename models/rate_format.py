"""How a rate reads on screen: one home, so that the rounding and decimals
setting (issue 13) changes it in one place."""

RATE_DECIMALS = 1


def format_rate(env, value):
    """``0.986`` -> ``"98,6 %"`` in Vietnamese (the language's decimal
    point); blank when the rate has no denominator (``None``)."""
    if value is None:
        return ""
    lang = env["res.lang"]._lang_get(env.lang or "en_US")
    return lang.format(f"%.{RATE_DECIMALS}f", value * 100, grouping=True) + " %"
