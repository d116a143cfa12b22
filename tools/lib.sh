# shellcheck shell=bash
# Shared helpers for tools/run, tools/test and tools/lint.  Source it, don't run it.
#
# What is generated lives in the checkout under .local/ (cluster, logs,
# filestore, odoo.conf; git-ignored) and, for what must stay out of the add-on's
# own directory (virtualenvs, the addons-path link), in a cache folder per
# checkout under ~/.cache/directive_tracking, so that a developer, CI and a
# fresh clone all behave the same.

DT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
DT_MODULE=directive_tracking
DT_LOCAL="$DT_ROOT/.local"
DT_LOG_DIR="$DT_LOCAL/log"
# Virtualenvs and the addons-path link live outside the checkout: the
# repository root is the add-on itself, and Odoo walks an add-on's whole
# directory (following links) when it exports translations, so nothing big or
# looping may sit inside it.  One cache folder per checkout path.
DT_CACHE="${DT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/directive_tracking}/$(printf %s "$DT_ROOT" | sha1sum | cut -c1-12)"
DT_VENV="$DT_CACHE/venv"
DT_CONF="$DT_LOCAL/odoo.conf"
DT_PG_DIR="$DT_LOCAL/pg"
DT_PG_STARTED=0 # 1 once this process started the private cluster (so it stops it)
# shellcheck disable=SC2034 # set by ensure_venv, used by the scripts
ODOO_CMD=()     # how to run odoo-bin (set by ensure_venv)

# Progress messages go to stderr so that stdout stays clean for results.
dt_say() { printf '==> %s\n' "$*" >&2; }
dt_die() {
	local code=$1
	shift
	printf 'error: %s\n' "$*" >&2
	exit "$code"
}

# Print the last lines of a log file after a failed quiet step.
dt_show_log_tail() {
	[[ -f $1 ]] || return 0
	printf -- '--- last lines of %s ---\n' "$1" >&2
	tail -n "${2:-30}" "$1" >&2
	printf -- '---\n' >&2
}

mkdir -p "$DT_LOG_DIR"

# ---------------------------------------------------------------------------
# find_odoo: locate Odoo 19.0.  Fast (no installs), so the scripts call it first
# and fail in a second when Odoo is missing.  Sets:
#   ODOO_KIND        source | package
#   ODOO_SRC         source checkout (odoo-bin, odoo/, addons/)   [source]
#   ODOO_PKG         directory of the importable odoo package     [package]
#   ODOO_PKG_PYTHON  the python that imports it                   [package]
#   ODOO_ADDONS_DIR  the standard addons directory
# ---------------------------------------------------------------------------
DT_ODOO_NOT_FOUND='Odoo 19.0 not found: install it (official packages or source, see README "Installing Odoo 19.0") or set ODOO_PATH=/path/to/odoo-19.0 source checkout'

_dt_release_is_19() {
	# release.py holds e.g. "version_info = (19, 0, 0, FINAL, 0, '')"; reading it
	# as text avoids importing odoo (which needs all its dependencies).
	[[ -f $1 ]] && grep -Eq '^version_info *= *\( *19 *, *0 *,' "$1"
}

_dt_is_odoo19_src() {
	[[ -f $1/odoo-bin && -d $1/addons ]] && _dt_release_is_19 "$1/odoo/release.py"
}

_dt_use_src() {
	ODOO_KIND=source
	ODOO_SRC="$(cd "$1" && pwd -P)"
	ODOO_ADDONS_DIR="$ODOO_SRC/addons"
}

find_odoo() {
	ODOO_KIND='' ODOO_SRC='' ODOO_PKG='' ODOO_PKG_PYTHON='' ODOO_ADDONS_DIR=''

	# (a) explicit ODOO_PATH: the user chose, so never silently use another Odoo.
	if [[ -n ${ODOO_PATH:-} ]]; then
		_dt_is_odoo19_src "$ODOO_PATH" && {
			_dt_use_src "$ODOO_PATH"
			return 0
		}
		dt_die 2 "$DT_ODOO_NOT_FOUND (ODOO_PATH=$ODOO_PATH has no odoo-bin, addons/ and odoo/release.py of version 19.0)"
	fi

	# (b) an importable odoo package: our venv (pip install, or the .pth written
	# by ensure_venv), the Debian/Ubuntu package (/usr/lib/python3/dist-packages)
	# or the default python3.  find_spec locates it without importing it.
	local py loc
	local -a pythons=("$DT_VENV/bin/python" /usr/bin/python3)
	py="$(command -v python3 || true)"
	[[ -n $py ]] && pythons+=("$py")
	for py in "${pythons[@]}"; do
		[[ -x $py ]] || continue
		while IFS= read -r loc; do
			if [[ -z $loc ]] || ! _dt_release_is_19 "$loc/release.py"; then
				continue
			fi
			if _dt_is_odoo19_src "$(dirname "$loc")"; then
				_dt_use_src "$(dirname "$loc")" # a source checkout on sys.path
			else
				ODOO_KIND=package
				ODOO_PKG="$loc"
				ODOO_PKG_PYTHON="$py"
				ODOO_ADDONS_DIR="$loc/addons"
			fi
			return 0
		done < <(cd / && "$py" -c 'import importlib.util as u
s = u.find_spec("odoo")
print("\n".join(s.submodule_search_locations or []) if s else "")' 2>/dev/null || true)
	done

	# (c) conventional source locations.
	local dir
	for dir in /opt/odoo-19.0 /opt/odoo19 /opt/odoo "${HOME:-/nonexistent}/odoo-19.0" "$DT_ROOT/../odoo-19.0"; do
		_dt_is_odoo19_src "$dir" && {
			_dt_use_src "$dir"
			return 0
		}
	done

	dt_die 2 "$DT_ODOO_NOT_FOUND"
}

# ---------------------------------------------------------------------------
# ensure_system_packages: the Debian packages Odoo and its tests need.
# ---------------------------------------------------------------------------
# Directory with initdb/pg_ctl (Debian keeps them out of PATH), newest first.
dt_pg_bindir() {
	local d
	for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k4 -V -r); do
		[[ -x $d/initdb && -x $d/pg_ctl ]] && {
			echo "$d"
			return 0
		}
	done
	d="$(command -v initdb || true)"
	[[ -n $d ]] && {
		dirname "$d"
		return 0
	}
	return 1
}

_dt_have_deb() {
	command -v dpkg-query >/dev/null &&
		[[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

_dt_have_any() {
	local c
	for c in "$@"; do command -v "$c" >/dev/null && return 0; done
	return 1
}

dt_using_external_db() { [[ -n ${DT_DB_HOST:-} || -n ${PGHOST:-} ]]; }

ensure_system_packages() {
	local -a missing=()
	if dt_using_external_db; then
		_dt_have_any psql || missing+=(postgresql-client) # createdb/dropdb/psql only
	else
		dt_pg_bindir >/dev/null || missing+=(postgresql)
	fi
	_dt_have_any chromium chromium-browser google-chrome || missing+=(chromium) # browser tests
	_dt_have_any wkhtmltopdf || missing+=(wkhtmltopdf)                         # PDF reports
	_dt_have_any pdftotext || missing+=(poppler-utils)                         # PDF text in tests
	_dt_have_any pg_config || missing+=(libpq-dev)                             # to build psycopg2
	_dt_have_any cc gcc || missing+=(gcc)                                      # to build psycopg2
	# Fonts: reports and screenshots need real glyphs (Vietnamese included).
	_dt_have_deb fonts-dejavu-core || [[ -d /usr/share/fonts/truetype/dejavu ]] || missing+=(fonts-dejavu-core)
	_dt_have_deb fonts-noto-core || [[ -d /usr/share/fonts/truetype/noto ]] || missing+=(fonts-noto-core)
	# Debian's own python3 lacks venv and headers unless these are installed.
	if [[ "$(command -v python3 || true)" == /usr/bin/python3 ]]; then
		python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
		python3 -c 'import os, sysconfig; assert os.path.exists(sysconfig.get_paths()["include"] + "/Python.h")' \
			2>/dev/null || missing+=(python3-dev)
	fi
	((${#missing[@]})) || return 0

	if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
		dt_die 2 "missing system packages: ${missing[*]} (as root: apt-get install ${missing[*]})"
	fi
	dt_say "installing system packages: ${missing[*]} (log: .local/log/apt.log)"
	{
		DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
	} >>"$DT_LOG_DIR/apt.log" 2>&1 || {
		dt_show_log_tail "$DT_LOG_DIR/apt.log"
		dt_die 1 "apt-get install ${missing[*]} failed"
	}
}

# ---------------------------------------------------------------------------
# ensure_venv: the virtualenv (in DT_CACHE) with Odoo's Python dependencies.  Sets ODOO_CMD (array).
# ---------------------------------------------------------------------------
ensure_venv() {
	local base_py venv_flags='' reqs="$DT_LOCAL/odoo-requirements.txt"
	if [[ $ODOO_KIND == source ]]; then
		base_py="$(command -v python3)" || dt_die 2 "python3 not found"
		# python-ldap needs the OpenLDAP headers and only serves auth_ldap.
		# python-dateutil: requirements.txt pins the 2.9 that `holidays`
		# needs, over Odoo's 2.8.2 pin (Odoo runs on 2.9, as Debian 13's
		# packages do).
		grep -Eiv '^[[:space:]]*(python-ldap|python-dateutil)' "$ODOO_SRC/requirements.txt" >"$reqs"
	elif [[ $ODOO_PKG_PYTHON == "$DT_VENV/bin/python" ]]; then
		base_py='' # odoo was pip-installed into the virtualenv itself, with its dependencies
		: >"$reqs"
	else
		# Distribution package: its dependencies are distribution packages of
		# that python, so the venv must see that python's site-packages.
		base_py="$ODOO_PKG_PYTHON"
		venv_flags=--system-site-packages
		: >"$reqs"
	fi
	if [[ -n $base_py ]] && ! "$base_py" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
		dt_die 2 "Odoo 19.0 needs Python >= 3.10, $base_py is $("$base_py" -V 2>&1)"
	fi

	# (Re)create the venv when it is missing or was made from another python.
	local origin="$base_py $venv_flags"
	if [[ -n $base_py ]] && { [[ ! -x $DT_VENV/bin/python ]] || [[ "$(cat "$DT_VENV/.dt-origin" 2>/dev/null)" != "$origin" ]]; }; then
		dt_say "creating the virtualenv $DT_VENV ($("$base_py" -V 2>&1))"
		rm -rf "$DT_VENV"
		"$base_py" -m venv $venv_flags "$DT_VENV" >>"$DT_LOG_DIR/pip.log" 2>&1 ||
			{
				dt_show_log_tail "$DT_LOG_DIR/pip.log"
				dt_die 1 "could not create the virtualenv $DT_VENV"
			}
		echo "$origin" >"$DT_VENV/.dt-origin"
	fi

	local py="$DT_VENV/bin/python" site
	site="$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
	# Make the venv import the Odoo that find_odoo chose (rewritten every time so
	# a moved Odoo never leaves a stale path behind).
	rm -f "$site/dt-odoo-src.pth"
	if [[ $ODOO_KIND == source ]]; then
		echo "$ODOO_SRC" >"$site/dt-odoo-src.pth"
		ODOO_CMD=("$py" "$ODOO_SRC/odoo-bin")
	else
		ODOO_CMD=("$py" -m odoo)
	fi

	# Reinstall only when a requirement file or the Odoo location changed.
	local stamp
	stamp="$(cat "$reqs" "$DT_ROOT/requirements.txt" "$DT_ROOT/requirements-addons.txt" \
		"$DT_ROOT/tools/pip-constraints.txt" | sha256sum | cut -d' ' -f1) ${ODOO_SRC:-$ODOO_PKG}"
	if [[ "$(cat "$DT_VENV/.dt-stamp" 2>/dev/null)" != "$stamp" ]]; then
		dt_say "installing Python requirements into $DT_VENV (log: .local/log/pip.log)"
		PIP_CONSTRAINT="$DT_ROOT/tools/pip-constraints.txt" \
			"$py" -m pip install -q -r "$reqs" -r "$DT_ROOT/requirements.txt" >>"$DT_LOG_DIR/pip.log" 2>&1 ||
			{
				dt_show_log_tail "$DT_LOG_DIR/pip.log"
				dt_die 1 "pip install failed"
			}
		# The add-ons we depend on (OCA dms) declare the `odoo` package as
		# their requirement; pip must not fetch Odoo from PyPI over the one
		# find_odoo chose, so they come without their dependencies (which
		# Odoo's requirements already cover, see requirements-addons.txt).
		PIP_CONSTRAINT="$DT_ROOT/tools/pip-constraints.txt" \
			"$py" -m pip install -q --no-deps -r "$DT_ROOT/requirements-addons.txt" >>"$DT_LOG_DIR/pip.log" 2>&1 ||
			{
				dt_show_log_tail "$DT_LOG_DIR/pip.log"
				dt_die 1 "pip install of requirements-addons.txt failed"
			}
		echo "$stamp" >"$DT_VENV/.dt-stamp"
	fi
}

# ---------------------------------------------------------------------------
# ensure_addons_path: Odoo requires the module directory to be named like the
# module, but the checkout may be called anything (main, a CI clone...), so
# DT_CACHE/addons/directive_tracking is a symlink to the checkout.
# ---------------------------------------------------------------------------
ensure_module_link() {
	mkdir -p "$DT_CACHE/addons"
	ln -sfn "$DT_ROOT" "$DT_CACHE/addons/$DT_MODULE"
}

# The add-ons of requirements-addons.txt are pip-installed into the venv's
# site-packages as odoo/addons/<name>; Odoo finds add-ons only through
# addons_path, so that directory joins it (after the standard add-ons).
ensure_addons_path() {
	ensure_module_link
	local pip_addons
	pip_addons="$("$DT_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
	[[ -d $pip_addons/dms ]] || dt_die 1 "OCA dms is not installed in $DT_VENV (requirements-addons.txt): remove $DT_VENV/.dt-stamp and run again"
	ODOO_ADDONS_PATH="$ODOO_ADDONS_DIR,$pip_addons,$DT_CACHE/addons"
}

# ---------------------------------------------------------------------------
# ensure_postgres: an external server when PGHOST/DT_DB_HOST is set, otherwise
# a private cluster in .local/pg listening on a unix socket only.
# Exports PGHOST/PGPORT/PGUSER (for psql, createdb, dropdb) and sets
# DT_DB_HOST/DT_DB_PORT/DT_DB_USER/DT_DB_PASSWORD for odoo.conf.
# ---------------------------------------------------------------------------
DT_PG_AS=() # command prefix to run the cluster's binaries as its owner

_dt_pg_ctl() { "${DT_PG_AS[@]}" "$DT_PG_BIN/pg_ctl" -D "$DT_PG_DIR/data" "$@"; }

_dt_check_traversable() {
	# PostgreSQL refuses to run as root, so as root the cluster runs as the OS
	# user postgres, which must be able to reach .local/pg through every parent.
	local user=$1 dir=$2
	runuser -u "$user" -- test -x "$dir" -a -w "$dir" && return 0
	local d=$dir
	while [[ $d != / ]]; do
		if ! runuser -u "$user" -- test -x "$d"; then
			dt_die 2 "the OS user '$user' cannot enter $d ($(stat -c '%A %U:%G' "$d")), so it cannot run the private PostgreSQL cluster in $dir: chmod o+x $d, move the checkout, or set PGHOST (and PGUSER/PGPASSWORD) to use an existing server"
		fi
		d="$(dirname "$d")"
	done
	dt_die 2 "the OS user '$user' cannot write to $dir"
}

ensure_postgres() {
	if dt_using_external_db; then
		export PGHOST="${DT_DB_HOST:-$PGHOST}"
		export PGPORT="${DT_DB_PORT:-${PGPORT:-5432}}"
		export PGUSER="${DT_DB_USER:-${PGUSER:-odoo}}"
		[[ -n ${DT_DB_PASSWORD:-} ]] && export PGPASSWORD="$DT_DB_PASSWORD"
		DT_DB_HOST=$PGHOST DT_DB_PORT=$PGPORT DT_DB_USER=$PGUSER DT_DB_PASSWORD="${PGPASSWORD:-}"
		export PGDATABASE=postgres
		return 0
	fi

	DT_PG_BIN="$(dt_pg_bindir)" || dt_die 2 "PostgreSQL server binaries (initdb) not found: apt-get install postgresql"
	local data="$DT_PG_DIR/data" run="$DT_PG_DIR/run" log="$DT_LOG_DIR/postgres.log"
	local port="${DT_PG_PORT:-54329}"
	# A unix socket path is limited to 107 bytes.
	((${#run} + 20 < 108)) || dt_die 2 "checkout path too long for a PostgreSQL socket ($run): use a shorter path or set PGHOST"
	mkdir -p "$data" "$run"
	touch "$log"
	if [[ $EUID -eq 0 ]]; then
		id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
		DT_PG_AS=(runuser -u postgres --)
		# Only touch what isn't postgres' yet (cheap on an existing cluster).
		find "$DT_PG_DIR" "$log" ! -user postgres -exec chown postgres: {} + 2>/dev/null || true
		_dt_check_traversable postgres "$DT_PG_DIR"
	else
		DT_PG_AS=()
	fi
	chmod 700 "$data"

	if [[ ! -f $data/PG_VERSION ]]; then
		dt_say "creating private PostgreSQL cluster in .local/pg"
		find "$data" -mindepth 1 -delete # leftovers of an interrupted initdb
		"${DT_PG_AS[@]}" "$DT_PG_BIN/initdb" -D "$data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 \
			>>"$DT_LOG_DIR/initdb.log" 2>&1 || {
			dt_show_log_tail "$DT_LOG_DIR/initdb.log"
			dt_die 1 "initdb failed"
		}
		# Unix socket only: nothing else on the machine can reach it or clash
		# with it.  It is a throwaway dev/test cluster, so trade crash safety
		# for speed (database creation and tests are much faster without fsync).
		cat >>"$data/postgresql.conf" <<-'EOF'

			# --- directive_tracking tools/lib.sh ---
			listen_addresses = ''
			fsync = off
			synchronous_commit = off
			full_page_writes = off
		EOF
	fi

	if _dt_pg_ctl status >/dev/null 2>&1; then
		# Reuse the running cluster (another tools/run or tools/test); its
		# postmaster.pid says on which port and socket directory it listens.
		port="$(sed -n 4p "$data/postmaster.pid")"
		run="$(sed -n 5p "$data/postmaster.pid")"
	else
		# Socket dir and port are given at start (not in postgresql.conf) so a
		# moved checkout or another DT_PG_PORT just works.
		_dt_pg_ctl -w -t 120 -l "$log" -o "-p $port -k '$run'" start >>"$DT_LOG_DIR/pg_ctl.log" 2>&1 || {
			dt_show_log_tail "$log"
			dt_die 1 "could not start the private PostgreSQL cluster (.local/pg/data)"
		}
		DT_PG_STARTED=1
	fi
	export PGHOST="$run" PGPORT="$port" PGUSER=odoo PGDATABASE=postgres
	unset PGPASSWORD
	DT_DB_HOST=$run DT_DB_PORT=$port DT_DB_USER=odoo DT_DB_PASSWORD=''
}

# Stop the private cluster if (and only if) this process started it.
stop_postgres() {
	if [[ $DT_PG_STARTED == 1 ]]; then
		_dt_pg_ctl -m fast -w -t 60 stop >>"$DT_LOG_DIR/pg_ctl.log" 2>&1 || true
		DT_PG_STARTED=0
	fi
}

dt_db_exists() {
	[[ "$(psql -X -Atq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]
}

# ---------------------------------------------------------------------------
# write_odoo_conf: .local/odoo.conf, regenerated on each call from the current
# environment so it never points to a stale Odoo, socket or port.
# ---------------------------------------------------------------------------
write_odoo_conf() {
	local pw_file="$DT_LOCAL/admin_passwd"
	if [[ ! -s $pw_file ]]; then
		# Master password of the database manager; random per checkout.
		(umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(24))' >"$pw_file")
	fi
	mkdir -p "$DT_LOCAL/filestore"
	(
		umask 077
		cat >"$DT_CONF" <<-EOF
			; Generated by tools/lib.sh (write_odoo_conf); edits are overwritten.
			[options]
			addons_path = $ODOO_ADDONS_PATH
			data_dir = $DT_LOCAL/filestore
			db_host = $DT_DB_HOST
			db_port = $DT_DB_PORT
			db_user = $DT_DB_USER
			db_password = ${DT_DB_PASSWORD:-}
			admin_passwd = $(cat "$pw_file")
			http_interface = 127.0.0.1
			list_db = True
		EOF
	)
}

# ---------------------------------------------------------------------------
# Processes: Odoo runs in its own session (setsid) so that the whole tree
# (Odoo, Chromium of browser tests, tee) can be stopped from a trap.
# ---------------------------------------------------------------------------
DT_CHILD_PID=''

dt_stop_child() {
	local pid=$DT_CHILD_PID i
	[[ -n $pid ]] || return 0
	DT_CHILD_PID=''
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do # Odoo shuts down gracefully within seconds
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL -- "-$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------------------
# The streaming replica made by tools/replica (a second private cluster in
# .local/pg-replica).  dt_replica_address prints "SOCKET_DIR PORT" of the
# running replica, or fails when none runs.
# ---------------------------------------------------------------------------
DT_REPLICA_DIR="$DT_LOCAL/pg-replica"

dt_replica_address() {
	local pid_file="$DT_REPLICA_DIR/data/postmaster.pid"
	[[ -f $pid_file ]] && kill -0 "$(head -1 "$pid_file")" 2>/dev/null || return 1
	printf '%s %s\n' "$(sed -n 5p "$pid_file")" "$(sed -n 4p "$pid_file")"
}
