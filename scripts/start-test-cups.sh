#!/usr/bin/env bash
# Starts (once) a private CUPS scheduler for the A4 printer tests and prints, for eval:
#   export CUPS_SERVER=<its socket>  KIOSK_CUPS_QUEUE=KioskPDF  KIOSK_CUPS_PDF_DIR=<where PDFs land>
# The queue is a cups-pdf virtual printer: every job it completes becomes a PDF file
# named job_<n>-<title>.pdf in KIOSK_CUPS_PDF_DIR (n from the request id KioskPDF-<n>).
# Idempotent: a running scheduler is reused. Installs nothing; says which Debian
# package is missing instead.
#
# How CUPS is started, so a clean CI machine (Debian 12, root, packages `cups
# cups-client printer-driver-cups-pdf poppler-utils` installed, nothing running) can
# do the same by hand:
#   1. write cupsd.conf (Listen on a unix socket under $KIOSK_CUPS_DIR, no auth, keep
#      job history) and cups-files.conf (ServerRoot, spool, cache, state and logs under
#      $KIOSK_CUPS_DIR; filters run as lp);
#   2. `cupsd -f -c <cupsd.conf> -s <cups-files.conf> &`, detached with setsid; its pid goes
#      to $KIOSK_CUPS_DIR/cupsd.pid (stop it with `kill $(cat /tmp/kiosk-cups/cupsd.pid)`);
#   3. write /etc/cups/cups-pdf-KioskPDF.conf (cups-pdf reads per-queue settings from
#      /etc/cups only, chosen by its device URI) with `Out $KIOSK_CUPS_DIR/pdf`, `Label 1`;
#   4. `lpadmin -h <socket> -p KioskPDF -E -v cups-pdf:/KioskPDF -m lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd`.
# The system's own cupsd (port 631, /run/cups) is neither needed nor touched, and a
# running one does not get in the way. Root is needed: cups-pdf's backend is mode 0700,
# so only a root cupsd can run it, and step 3 writes to /etc/cups.
#   KIOSK_CUPS_DIR    scheduler home (default /tmp/kiosk-cups)
#   KIOSK_CUPS_QUEUE  queue name (default KioskPDF)

__start_test_cups() {
  local dir="${KIOSK_CUPS_DIR:-/tmp/kiosk-cups}"
  local queue="${KIOSK_CUPS_QUEUE:-KioskPDF}"
  local sock="$dir/cups.sock"
  # The no-options PPD, so the queue's config file (below) decides file names, not PPD defaults.
  local ppd="lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd"

  local need
  for need in "cupsd:cups-daemon (or cups)" "lpadmin:cups-client" "lp:cups-client" "lpstat:cups-client" "pdftotext:poppler-utils"; do
    if ! command -v "${need%%:*}" >/dev/null 2>&1 && [ ! -x "/usr/sbin/${need%%:*}" ]; then
      echo "start-test-cups: '${need%%:*}' was not found; install the Debian package ${need#*:} (apt-get install cups cups-client printer-driver-cups-pdf poppler-utils)." >&2
      return 1
    fi
  done
  if [ ! -e /usr/lib/cups/backend/cups-pdf ] || [ ! -e "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd" ]; then
    echo "start-test-cups: the cups-pdf backend or its PPD is missing; install the Debian package printer-driver-cups-pdf." >&2
    return 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "start-test-cups: must run as root (cups-pdf's backend is root-only, and its queue config lives in /etc/cups)." >&2
    return 1
  fi

  mkdir -p "$dir/etc/ppd" "$dir/spool/tmp" "$dir/cache" "$dir/run" "$dir/log" "$dir/pdf"
  chmod 755 "$dir"
  local cupsd="/usr/sbin/cupsd"
  command -v cupsd >/dev/null 2>&1 && cupsd="$(command -v cupsd)"

  if ! lpstat -h "$sock" -r 2>/dev/null | grep -q "scheduler is running"; then
    # A scheduler of ours that no longer answers (say its socket was removed) is stopped
    # first: two schedulers must never share one spool.
    if [ -f "$dir/cupsd.pid" ]; then
      local old
      old="$(cat "$dir/cupsd.pid")"
      if [ -n "$old" ] && grep -q "$dir/etc/cupsd.conf" "/proc/$old/cmdline" 2>/dev/null; then
        kill "$old" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
      fi
      rm -f "$dir/cupsd.pid"
    fi
    cat >"$dir/etc/cupsd.conf" <<EOF
Listen $sock
LogLevel warn
MaxLogSize 0
WebInterface No
Browsing No
DefaultAuthType None
PreserveJobHistory Yes
PreserveJobFiles No
MaxJobs 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
    cat >"$dir/etc/cups-files.conf" <<EOF
ServerRoot $dir/etc
RequestRoot $dir/spool
TempDir $dir/spool/tmp
CacheDir $dir/cache
StateDir $dir/run
AccessLog $dir/log/access_log
ErrorLog $dir/log/error_log
PageLog $dir/log/page_log
User lp
Group lp
SystemGroup root lpadmin
EOF
    # -f keeps cupsd in the foreground so we know its pid; setsid and the redirects
    # detach it from this script (and from a caller waiting for our stdout to close).
    setsid "$cupsd" -f -c "$dir/etc/cupsd.conf" -s "$dir/etc/cups-files.conf" </dev/null >>"$dir/log/cupsd.out" 2>&1 &
    echo $! >"$dir/cupsd.pid"
    local i
    for i in $(seq 1 100); do
      lpstat -h "$sock" -r 2>/dev/null | grep -q "scheduler is running" && break
      sleep 0.1
    done
    if ! lpstat -h "$sock" -r 2>/dev/null | grep -q "scheduler is running"; then
      echo "start-test-cups: cupsd is not answering on $sock; see $dir/log/error_log and $dir/log/cupsd.out" >&2
      return 1
    fi
  fi

  cat >"/etc/cups/cups-pdf-$queue.conf" <<EOF
# Written by scripts/start-test-cups.sh for the kiosk's A4 printer tests.
Out $dir/pdf
AnonDirName $dir/pdf
Label 1
TitlePref 1
UserUMask 0022
EOF
  # cups-pdf picks /etc/cups/cups-pdf-<name>.conf from its device URI cups-pdf:/<name>.
  # (lpadmin warns on stderr that PPD drivers are deprecated; they still work in CUPS 2.4.)
  lpadmin -h "$sock" -p "$queue" -E -v "cups-pdf:/$queue" -m "$ppd" 2>/dev/null || {
    echo "start-test-cups: could not create the $queue queue (lpadmin -m $ppd)" >&2
    return 1
  }
  cupsenable -h "$sock" "$queue" 2>/dev/null || true
  cupsaccept -h "$sock" "$queue" 2>/dev/null || true

  export CUPS_SERVER="$sock" KIOSK_CUPS_QUEUE="$queue" KIOSK_CUPS_PDF_DIR="$dir/pdf"
  echo "export CUPS_SERVER=$sock KIOSK_CUPS_QUEUE=$queue KIOSK_CUPS_PDF_DIR=$dir/pdf"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  __start_test_cups
  exit $?
else
  __start_test_cups
fi
