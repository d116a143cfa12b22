from . import directive_unit_level
from . import directive_unit
from . import res_users
from . import directive_task
