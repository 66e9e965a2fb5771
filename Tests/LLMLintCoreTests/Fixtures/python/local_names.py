# `completion` and `embedding` here are the app's own functions: no litellm import.
def completion(prompt):
    return prompt


completion("x")  # look-alike: the app's own function
embedding = make_embedding()
embedding(text)  # look-alike: the app's own function
service.completion(x)  # look-alike: no litellm import
router.acompletion(model="m")  # look-alike: no litellm import
