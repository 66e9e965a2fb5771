# Ollama's System One scoring call runs a local model (and reports its usage).
import ollama
from ollama import Client

local = Client()


def score(state, questions):
    ollama.systemone(model="nimble", state=state, questions=questions)  # expect: ollama-calls
    local.systemone(model="nimble", state=state, questions=questions)  # expect: ollama-client


def look_alikes(brain):
    brain.systemone(state={})  # look-alike: not an Ollama client
