"""``python -m geoevents``: the command line, from any folder.

Run from the folder that holds a checkout named ``geoevents``, Python first finds that folder and takes
it for a namespace package, which hides the installed package (an editable install's finder comes
after it). The real package is the folder this file is in: put it first and import again.
"""

import os
import sys

if getattr(sys.modules.get("geoevents"), "__file__", None) is None:
    sys.modules.pop("geoevents", None)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from geoevents.cli import entry

entry()
