"""Execute docs/notebook.ipynb with a real kernel; ``python tests/notebooks.py --write`` stores its outputs.

The shipped notebook is an executed example: its stored outputs are what a
fresh run shows (``tests/test_notebook.py`` compares them), regenerated only
by the command above.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"


def execute(path: Path = NOTEBOOK) -> Any:
    """The notebook at ``path``, executed by a fresh ``python3`` kernel from the notebook's own folder.

    That is where Jupyter (nbconvert, JupyterLab) starts the kernel, so the
    notebook's paths are relative to docs/.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")  # the documented path layout, without its warning
    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as sockets:  # local sockets: no port, no plain-TCP warning
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        resources = {"metadata": {"path": str(NOTEBOOK.parent)}}
        NotebookClient(notebook, km=kernel, timeout=120, record_timing=False, resources=resources).execute()
    return notebook


def rich_outputs(notebook: Any) -> list[dict[str, str]]:
    """The HTML and Markdown each code cell displays (``{}`` for a cell that displays none), in order."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        data: dict[str, str] = {}
        for output in cell.get("outputs", []):
            for kind in ("text/html", "text/markdown", "text/plain"):
                if kind in output.get("data", {}):
                    data[kind] = output["data"][kind]
        found.append(data)
    return found


def executed_copy(target: Path) -> Any:
    """The notebook executed in a child process (its kernel and sockets end with it), also written to ``target``."""
    import nbformat

    subprocess.run([sys.executable, __file__, "--to", str(target)], check=True, capture_output=True, timeout=300)
    return nbformat.read(target, as_version=4)


def main(args: list[str]) -> None:
    """``--write``: store the outputs in the notebook itself; ``--to PATH``: write the executed copy to PATH."""
    import nbformat

    if args == ["--write"]:
        nbformat.write(execute(), NOTEBOOK)
    elif len(args) == 2 and args[0] == "--to":
        nbformat.write(execute(), args[1])
    else:
        sys.exit("usage: python tests/notebooks.py --write | --to PATH")


if __name__ == "__main__":
    main(sys.argv[1:])
