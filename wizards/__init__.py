from . import directive_task_assign
from . import directive_unit_transfer
