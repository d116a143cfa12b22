from . import test_directive_unit
from . import test_directive_task
