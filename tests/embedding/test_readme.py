"""The README's "Embedding" and "Testing your app" examples run as written, so they cannot rot."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def python_blocks(section: str) -> list[str]:
    text = README.read_text()
    start = text.index(f"\n## {section}\n")
    end = text.find("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", text[start:end], flags=re.DOTALL)


def test_the_embedding_example_sends_and_reads_delivered() -> None:
    [example] = python_blocks("Embedding")
    assert example.count("import") <= 2
    result = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_testing_example_passes_under_pytest_with_the_installed_plugin(tmp_path: Path) -> None:
    [example] = python_blocks("Testing your app")
    (tmp_path / "test_example.py").write_text(example)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_example.py"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
