# Loaded once per sandbox process, before any user code. Defines `sandbox_run`, which runs one
# user program in a fresh namespace and reports (status, text). Also installs the Python-level
# guards: the JS bridge modules are unloaded and their import is refused, the object graph
# walkers are refused (they would find the bridge again), and the in-memory file system is
# read-only for user code so nothing written by one run is visible to the next.
import builtins
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
_formatting = [False]
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _audit(event, args):
    if event == 'import':
        if str(args[0]).split('.')[0] in _BLOCKED_ROOTS:
            raise ImportError(f'import of {args[0]} is not allowed in the sandbox')
    elif event == 'object.__getattr__':
        if args[1] in _FRAME_ATTRIBUTES and not _formatting[0]:
            raise PermissionError(f'{args[1]} is not accessible in the sandbox')
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

_BASE_MODULES = frozenset(sys.modules)
_BASE_BUILTINS = dict(builtins.__dict__)
_BASE_RECURSION_LIMIT = sys.getrecursionlimit()
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


def _restore():
    for name in [m for m in sys.modules if m not in _BASE_MODULES]:
        del sys.modules[name]
    builtins.__dict__.clear()
    builtins.__dict__.update(_BASE_BUILTINS)
    sys.setrecursionlimit(_BASE_RECURSION_LIMIT)


_dumps = json.dumps
_loads = json.loads


def _encode(output):
    if isinstance(output, str):
        return output
    if output is None:
        return 'None'
    return _dumps(output, ensure_ascii=False)


def _call_main(code, args):
    namespace = {'__name__': '__main__', '__builtins__': builtins}
    try:
        exec(compile(code, _USER_FILE, 'exec'), namespace)
        main = namespace.get('main')
        if not callable(main):
            raise _MainNotFound()
        return main(**args)
    finally:
        namespace.clear()


def sandbox_run(code, args_json, max_chars):
    """Runs `main(**args)` of `code`; returns (status, text), status one of
    ok / build / runtime / timeout / output."""
    args = _loads(args_json)
    try:
        output = _call_main(code, args)
    except _MainNotFound:
        _restore()
        return ('build', 'can not find main function')
    except KeyboardInterrupt:
        _restore()
        return ('timeout', '')
    except BaseException as error:  # noqa: B036 — user code may raise anything, SystemExit too
        # Builtins first: user code may have replaced `len` and friends the formatter uses.
        _restore()
        return ('runtime', _format_error(error))
    _restore()
    try:
        text = _encode(output)
    except BaseException as error:  # noqa: B036 — a result JSON cannot encode
        return ('runtime', _format_error(error))
    if len(text) > max_chars:
        return ('output', f'output has {len(text)} characters, the limit is {max_chars}')
    return ('ok', text)
