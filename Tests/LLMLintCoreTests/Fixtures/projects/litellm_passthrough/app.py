import litellm


def set_callbacks(cbs):
    # A pass-through setter: what it registers is decided by its callers, not shown here.
    litellm.callbacks = cbs


def add_callback(callback):
    litellm.success_callback.append(callback)


def ask(prompt):
    return litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": prompt}])  # expect: litellm-completion
