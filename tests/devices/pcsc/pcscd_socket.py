#!/usr/bin/python3
"""Starts pcscd on a socket of our own, the way systemd's socket activation does.

Usage: pcscd_socket.py SOCKET_PATH [pcscd options...]

pcsc-lite 1.9.9's daemon always listens on /run/pcscd/pcscd.comm unless it is handed a listening
socket (LISTEN_FDS=1, LISTEN_PID=its pid, the socket as fd 3). Its clients find a socket of our own
through PCSCLITE_CSOCK_NAME, so a test's pcscd never meets the machine's, nor another test's.
exec keeps this process's pid, which is what LISTEN_PID must name.
"""
import ctypes
import os
import signal
import socket
import sys

# If the test process dies, pcscd goes with it (the death signal survives exec).
ctypes.CDLL('libc.so.6').prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

path = sys.argv[1]
try:
    os.unlink(path)
except FileNotFoundError:
    pass
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(path)
listener.listen(64)
if listener.fileno() != 3:
    os.dup2(listener.fileno(), 3)
os.set_inheritable(3, True)
os.environ['LISTEN_FDS'] = '1'
os.environ['LISTEN_PID'] = str(os.getpid())
os.execvp('pcscd', ['pcscd'] + sys.argv[2:])
