# `completion` and `embedding` here are the app's own functions: no litellm import.
def completion(prompt):
    return prompt


completion("x")
embedding = make_embedding()
embedding(text)
service.completion(x)
router.acompletion(model="m")
