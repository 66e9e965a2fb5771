import litellm as ll

from usage import UsageLogger


def install():
    ll.callbacks = [UsageLogger()]
