# Loaded once per sandbox process, before any user code, with `baseline` (baseline.py) bound.
# Defines `sandbox_run`, which runs the user program the host wrote to the job file in a fresh
# namespace and reports its status and text, and `sandbox_reset`, which puts the interpreter back as it was before the run.
# Also installs the Python-level guards: the JS bridge modules are unloaded and their import is
# refused, the object graph walkers are refused (they would find the bridge again), stdlib
# functions and objects cannot be rewired (`__code__`, `__defaults__`, `__class__`), and the
# in-memory file system is read-only for user code so nothing written by one run is visible to
# the next.
import builtins
import gc
import json
import os
import sys
import traceback

_BLOCKED_ROOTS = frozenset(
    {'js', 'pyodide_js', 'pyodide', '_pyodide', '_pyodide_core', 'micropip', 'ctypes', '_ctypes'}
)
_BLOCKED_EVENTS = frozenset(
    {
        'gc.get_objects',
        'gc.get_referrers',
        'gc.get_referents',
        'sys._current_frames',
        'sys.setprofile',
        'sys.settrace',
        'sys.addaudithook',
        'os.system',
        'os.exec',
        'os.posix_spawn',
        'os.spawn',
        'os.fork',
        'os.forkpty',
        'os.kill',
        'os.mkdir',
        'os.remove',
        'os.rename',
        'os.rmdir',
        'os.symlink',
        'os.link',
        'os.truncate',
        'os.chmod',
        'os.chown',
        'os.utime',
        'os.putenv',
        'os.unsetenv',
        'shutil.rmtree',
        'socket.__new__',
        'socket.connect',
        'socket.bind',
        'socket.getaddrinfo',
        'ctypes.dlopen',
        'sys._getframe',
    }
)
# Frame attributes lead from a user traceback or generator to the harness frames. (Function
# `__globals__` raises no audit event, so the object graph stays walkable: see README.)
_FRAME_ATTRIBUTES = frozenset({'tb_frame', 'f_back', 'gi_frame', 'cr_frame', 'ag_frame', 'f_globals'})
_REWIRING_ATTRIBUTES = frozenset({'__code__', '__defaults__', '__kwdefaults__'})
_formatting = [False]
# globals of the running program: its own functions may be rewired, nobody else's
_run_namespace = [None]
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _audit(event, args):
    if event == 'import':
        if str(args[0]).split('.')[0] in _BLOCKED_ROOTS:
            raise ImportError(f'import of {args[0]} is not allowed in the sandbox')
    elif event == 'object.__getattr__':
        if args[1] in _FRAME_ATTRIBUTES and not _formatting[0]:
            raise PermissionError(f'{args[1]} is not accessible in the sandbox')
    elif event == 'object.__setattr__' or event == 'object.__delattr__':
        target, name = args[0], args[1]
        if name in _REWIRING_ATTRIBUTES:
            if getattr(target, '__globals__', None) is not _run_namespace[0]:
                raise PermissionError(f'changing {name} of this object is not allowed in the sandbox')
        elif baseline.is_baseline_object(target):
            raise PermissionError(f'changing {name} of this object is not allowed in the sandbox')
    elif event in _BLOCKED_EVENTS:
        raise PermissionError(f'{event} is not allowed in the sandbox')
    elif event == 'open':
        mode, flags = args[1], args[2]
        writes = (isinstance(mode, str) and any(c in mode for c in 'wax+')) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writes:
            raise PermissionError('writing files is not allowed in the sandbox')


for _name in [m for m in sys.modules if m.split('.')[0] in _BLOCKED_ROOTS]:
    del sys.modules[_name]
sys.meta_path[:] = [f for f in sys.meta_path if 'pyodide' not in type(f).__module__]
# Emscripten puts the host path of the child script into `_`; nothing of the host stays.
os.environ.pop('_', None)
sys.addaudithook(_audit)

_USER_FILE = '<code>'
_MAX_ERROR_CHARS = 4000


class _MainNotFound(Exception):
    pass


def _format_error(error):
    _formatting[0] = True
    try:
        frames = traceback.extract_tb(error.__traceback__)
    finally:
        _formatting[0] = False
    user = traceback.StackSummary.from_list([f for f in frames if f.filename == _USER_FILE])
    lines = ['Traceback (most recent call last):\n'] if user else []
    lines += user.format()
    lines += traceback.format_exception_only(type(error), error)
    text = ''.join(lines).rstrip('\n')
    return text if len(text) <= _MAX_ERROR_CHARS else '...\n' + text[-_MAX_ERROR_CHARS:]


_dumps = json.dumps
_loads = json.loads
_open = open
_collect = gc.collect
# where the host writes each job (Emscripten's in-memory file system; read-only for user code)
_JOB_PATH = '/sandbox/job.json'


def _encode(output):
    if isinstance(output, str):
        return output
    if output is None:
        return 'None'
    return _dumps(output, ensure_ascii=False)


def _call_main(code, args):
    namespace = {'__name__': '__main__', '__builtins__': builtins}
    _run_namespace[0] = namespace
    try:
        exec(compile(code, _USER_FILE, 'exec'), namespace)
        main = namespace.get('main')
        if not callable(main):
            raise _MainNotFound()
        return main(**args)
    finally:
        _run_namespace[0] = None
        namespace.clear()


def _read_job():
    with _open(_JOB_PATH, encoding='utf-8') as job_file:
        job = _loads(job_file.read())
    return job['code'], job['args'], job['max']


def _reply(status, text):
    return f'{status}\n{text}'


def sandbox_run():
    """Runs `main(**args)` of the job the host wrote to `_JOB_PATH`; answers `status\ntext`,
    status one of ok / build / runtime / timeout / output. Takes and answers no JS value: the
    bridge guard refuses every crossing but a string answer."""
    code, args, max_chars = _read_job()
    try:
        output = _call_main(code, args)
    except _MainNotFound:
        return _reply('build', 'can not find main function')
    except KeyboardInterrupt:
        return _reply('timeout', '')
    except BaseException as error:  # noqa: B036 — user code may raise anything, SystemExit too
        # Reset first: user code may have replaced `len`, `traceback.extract_tb` and friends
        # the formatter uses.
        baseline.reset()
        return _reply('runtime', _format_error(error))
    try:
        text = _encode(output)
    except BaseException as error:  # noqa: B036 — a result JSON cannot encode
        return _reply('runtime', _format_error(error))
    if len(text) > max_chars:
        return _reply('output', f'output has {len(text)} characters, the limit is {max_chars}')
    return _reply('ok', text)


def sandbox_reset():
    """Puts back what the run changed (see baseline.py); called after its reply is sent, so the
    reply is not delayed. Answers `restored` when it found anything changed, else `clean`."""
    changed = baseline.reset()
    # The run's garbage goes now, while the host still waits for the reset: a finalizer that
    # misbehaves (or touches the bridge) does so here, never inside the next run.
    _collect()
    return 'restored' if changed else 'clean'


# Everything above is set up: this is the state every run starts from.
baseline.capture()
