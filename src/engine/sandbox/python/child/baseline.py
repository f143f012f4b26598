# The interpreter state a run may change and the next run (of the same tenant: processes are
# never shared between tenants) must not see. `capture()` records it once the harness is set up;
# `reset()` puts it back after every run and answers whether it found anything changed.
#
# What is recorded (as shallow copies, compared with `==`, which is C code that stops at the
# first identical pair; a replaced object counts as unchanged only if it equals the original, so
# an `__eq__` written to lie can mislead only its own tenant's later runs):
# - every module loaded at capture: its dict, and one level below it the dicts of its classes,
#   of its plain objects (e.g. `json._default_encoder`, `os.environ`) and its containers
#   (`sys.path`, `warnings.filters`, `re._cache`, …), plus the closure cells of its functions;
# - interpreter settings outside any dict: recursion and int-digit limits, gc, cwd, umask,
#   signal handlers, locale, async-generator hooks; the random generator is reseeded.
# Modules imported by the run are dropped from `sys.modules` (the next import runs them afresh).
import builtins
import gc
import os
import signal
import sys
import types

_dict = dict
_id = id
_isinstance = isinstance
_list = list
_set = set
_setattr = type.__setattr__
_delattr = type.__delattr__
_IMMUTABLE_TYPE = 1 << 8
_FUNCTION = types.FunctionType
_MODULE = types.ModuleType
_SKIP_TYPES = (str, bytes, int, float, complex, bool, tuple, frozenset, type(None), range)

_module_names = frozenset()
_builtins_record = ()
_dicts = []  # (dict, copy)
_class_dicts = []  # (class, copy of its namespace)
_lists = []  # (list, copy)
_sets = []  # (set, copy)
_cells = []  # (cell, value or _EMPTY)
_settings = {}
_baseline_ids = frozenset()
_EMPTY = object()
_reseed = None


def _cell_value(cell):
    try:
        return cell.cell_contents
    except ValueError:
        return _EMPTY


def _record_function(function, seen):
    for cell in function.__closure__ or ():
        if _id(cell) not in seen:
            seen.add(_id(cell))
            _cells.append((cell, _cell_value(cell)))


def _record_container(value, seen):
    if _id(value) in seen:
        return
    seen.add(_id(value))
    if _isinstance(value, dict):
        _dicts.append((value, _dict(value)))
    elif _isinstance(value, list):
        _lists.append((value, _list(value)))
    elif _isinstance(value, set):
        _sets.append((value, _set(value)))


def _record_value(value, seen):
    if _isinstance(value, _SKIP_TYPES) or _isinstance(value, _MODULE):
        return
    if _isinstance(value, type):
        if value.__flags__ & _IMMUTABLE_TYPE or _id(value) in seen:
            return
        seen.add(_id(value))
        namespace = value.__dict__
        _class_dicts.append((value, _dict(namespace)))
        for member in namespace.values():
            if _isinstance(member, _FUNCTION):
                _record_function(member, seen)
        return
    if _isinstance(value, _FUNCTION):
        _record_function(value, seen)
        return
    if _isinstance(value, (dict, list, set)):
        _record_container(value, seen)
        return
    try:
        attributes = getattr(value, '__dict__', None)
    except Exception:  # noqa: BLE001 — a proxy object may raise anything; it is left out
        return
    if _isinstance(attributes, dict) and _id(attributes) not in seen:
        _record_container(attributes, seen)
        for member in _list(attributes.values()):
            if _isinstance(member, (dict, list, set)):
                _record_container(member, seen)


def capture():
    """Records the current state as the one every run starts from."""
    global _module_names, _baseline_ids, _reseed, _builtins_record
    _dicts.clear()
    _class_dicts.clear()
    _lists.clear()
    _sets.clear()
    _cells.clear()
    # sys.modules itself is handled by name; the builtins dict is recorded like any module's.
    seen = {_id(sys.modules)}
    baseline_ids = _set()
    for module in _list(sys.modules.values()):
        namespace = getattr(module, '__dict__', None)
        if not _isinstance(namespace, dict) or _id(namespace) in seen:
            continue
        seen.add(_id(namespace))
        baseline_ids.add(_id(module))
        _dicts.append((namespace, _dict(namespace)))
        for value in _list(namespace.values()):
            baseline_ids.add(_id(value))
            _record_value(value, seen)
    _builtins_record = next(record for record in _dicts if record[0] is builtins.__dict__)
    _module_names = frozenset(sys.modules)
    _baseline_ids = frozenset(baseline_ids)
    _settings.update(_read_settings())
    import random

    _reseed = random._inst.seed


def is_baseline_object(value):
    """True for a module, or an object bound in a module, recorded by `capture()`."""
    return _id(value) in _baseline_ids


def _read_settings():
    import _locale

    return {
        'recursion': sys.getrecursionlimit(),
        'int_digits': sys.get_int_max_str_digits(),
        'switch': sys.getswitchinterval(),
        'gc_enabled': gc.isenabled(),
        'gc_threshold': gc.get_threshold(),
        'cwd': os.getcwd(),
        'umask': _read_umask(),
        'signals': {s: signal.getsignal(s) for s in signal.valid_signals() if _can_read(s)},
        'locale': _locale.setlocale(_locale.LC_ALL),
        'asyncgen': sys.get_asyncgen_hooks(),
        'coroutine_depth': sys.get_coroutine_origin_tracking_depth(),
    }


def _read_umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _can_read(signum):
    try:
        signal.getsignal(signum)
        return True
    except (OSError, ValueError):
        return False


def _restore_dict(namespace, wanted):
    for key in [k for k in namespace if k not in wanted]:
        del namespace[key]
    for key, value in wanted.items():
        if namespace.get(key, _EMPTY) is not value:
            namespace[key] = value


def _restore_class(cls, wanted):
    for key in [k for k in cls.__dict__ if k not in wanted]:
        _delattr(cls, key)
    for key, value in wanted.items():
        if cls.__dict__.get(key, _EMPTY) is not value:
            _setattr(cls, key, value)


def _reset_modules():
    for name in [m for m in sys.modules if m not in _module_names]:
        del sys.modules[name]


def _reset_settings():
    changed = False
    saved = _settings
    if sys.getrecursionlimit() != saved['recursion']:
        sys.setrecursionlimit(saved['recursion'])
        changed = True
    if sys.get_int_max_str_digits() != saved['int_digits']:
        sys.set_int_max_str_digits(saved['int_digits'])
        changed = True
    if sys.getswitchinterval() != saved['switch']:
        sys.setswitchinterval(saved['switch'])
        changed = True
    if gc.isenabled() != saved['gc_enabled']:
        (gc.enable if saved['gc_enabled'] else gc.disable)()
        changed = True
    if gc.get_threshold() != saved['gc_threshold']:
        gc.set_threshold(*saved['gc_threshold'])
        changed = True
    if os.getcwd() != saved['cwd']:
        os.chdir(saved['cwd'])
        changed = True
    if os.umask(saved['umask']) != saved['umask']:
        changed = True
    for signum, handler in saved['signals'].items():
        if signal.getsignal(signum) is not handler:
            signal.signal(signum, handler)
            changed = True
    import _locale

    if _locale.setlocale(_locale.LC_ALL) != saved['locale']:
        _locale.setlocale(_locale.LC_ALL, saved['locale'])
        changed = True
    if sys.get_asyncgen_hooks() != saved['asyncgen']:
        sys.set_asyncgen_hooks(*saved['asyncgen'])
        changed = True
    if sys.get_coroutine_origin_tracking_depth() != saved['coroutine_depth']:
        sys.set_coroutine_origin_tracking_depth(saved['coroutine_depth'])
        changed = True
    return changed


def reset_builtins():
    """Puts the builtins back first: the rest of the harness calls them."""
    namespace, wanted = _builtins_record
    if namespace != wanted:
        _restore_dict(namespace, wanted)


def reset():
    """Puts back everything `capture()` recorded; True when something had been changed."""
    reset_builtins()
    _reset_modules()
    changed = False
    for namespace, wanted in _dicts:
        if namespace != wanted:
            _restore_dict(namespace, wanted)
            changed = True
    for cls, wanted in _class_dicts:
        if cls.__dict__ != wanted:
            _restore_class(cls, wanted)
            changed = True
    for items, wanted in _lists:
        if items != wanted:
            items[:] = wanted
            changed = True
    for items, wanted in _sets:
        if items != wanted:
            items.clear()
            items.update(wanted)
            changed = True
    for cell, value in _cells:
        if _cell_value(cell) is not value:
            if value is _EMPTY:
                del cell.cell_contents
            else:
                cell.cell_contents = value
            changed = True
    changed = _reset_settings() or changed
    _reseed()
    return changed
