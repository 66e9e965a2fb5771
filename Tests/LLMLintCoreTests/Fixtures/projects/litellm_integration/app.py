import litellm as ll


def configure():
    ll.success_callback = ["langfuse"]


def ask(prompt):
    # Covered: the langfuse integration records every call made through litellm.
    return ll.completion(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
