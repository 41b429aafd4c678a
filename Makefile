# Two commands on a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Tests and tools never write into $HOME: Blender's user files and caches go here.
export BLENDER_USER_RESOURCES ?= $(CURDIR)/out/.blender-user
export XDG_CACHE_HOME ?= $(CURDIR)/out/.cache
export CODEFORM_USER_DIR ?= $(CURDIR)/out/.codeform-user
export HF_HUB_OFFLINE := 1

.PHONY: all venv test demo bench extension gui-test clean
all: test

$(STAMP): requirements.txt requirements.lock pyproject.toml tools/sysdeps.sh
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 1; }
	tools/sysdeps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

demo: $(STAMP)
	$(BIN)/python tools/demo.py

bench: $(STAMP)
	$(BIN)/python -m codeform bench

extension: $(STAMP)
	$(BIN)/python tools/build_extension.py

# The sidebar in a real Blender 4.3 window (Debian trixie chroot, cached outside the
# repository; root needed), one screenshot per state in out/screenshots/. Not part of `test`.
gui-test: extension
	tools/gui/setup_chroot.sh
	tools/gui/run.sh

clean:
	rm -rf $(VENV) out dist build wheels *.egg-info
