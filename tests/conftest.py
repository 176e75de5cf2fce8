import os

from hypothesis import HealthCheck, settings

# Trees are generated, so wall-clock deadlines would only measure a noisy machine.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# CI runs the same examples every time: a red CI then means a real change, not a new seed.
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True, max_examples=300)
settings.load_profile("ci" if os.environ.get("CI") else "default")
