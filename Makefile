# Two commands set everything up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
RUN_DIR := .run
SAMPLE := $(RUN_DIR)/heerlerheide.gpkg
export QT_API := pyside6

.PHONY: run test bench stress installer clean system-run system-test

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

$(SAMPLE): | $(STAMP)
	@mkdir -p $(RUN_DIR)
	$(VENV)/bin/workbench sample heerlerheide $(SAMPLE)

# System libraries (Qt's, poppler, GDAL's tools) on Debian/Ubuntu; nothing elsewhere.
system-run system-test: system-%:
	@tools/system-packages.sh $*

run: system-run $(STAMP) $(SAMPLE)
	$(VENV)/bin/workbench $(SAMPLE)

test: system-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

stress: $(STAMP)
	$(PY) -m bench.crash --runs 200 --other-runs 50

installer: $(STAMP)
	$(PY) -m pip install -q -e '.[installer]'
	$(VENV)/bin/pyinstaller --noconfirm --clean build_installer.spec

clean:
	rm -rf build dist $(RUN_DIR)
