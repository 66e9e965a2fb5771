import litellm

print(litellm.success_callback)  # reading the list registers nothing


def ask():
    return litellm.completion(model="gpt-4o", messages=[])  # expect: litellm-completion
