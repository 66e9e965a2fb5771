# Server routes and test mocks name LLM paths but send nothing; prose that mentions a host is not a URL.
import httpx
import respx
import responses
from aioresponses import aioresponses
from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter()


@app.post("/v1/chat/completions")  # look-alike: an OpenAI-compatible server's route
async def chat_completions(request):
    return {}


@router.post("/chat/completions")  # look-alike: a route
def route(request):
    return {}


@respx.mock
def test_client(respx_mock):
    respx.post("https://api.openai.com/v1/chat/completions").mock(return_value=httpx.Response(200))  # look-alike: a mock
    respx_mock.post("https://api.anthropic.com/v1/messages")  # look-alike: a mock fixture
    responses.post("https://api.openai.com/v1/chat/completions", json={})  # look-alike: the responses library
    with aioresponses() as mocked:
        mocked.post("https://api.openai.com/v1/chat/completions", payload={})  # look-alike: a mock
    route = respx.route(url="https://api.openai.com/v1/responses")


def talk(logger, socket, body):
    logger.send("calling api.openai.com for a summary")  # look-alike: prose, not a URL
    socket.send(f"POST /v1/chat/completions took {elapsed} ms")  # look-alike: prose
    httpx.post("https://api.openai.com/v1/chat/completions", json=body)  # expect: http-llm-endpoint
    client = httpx.Client(base_url="https://api.openai.com")
    client.post("/v1/chat/completions", json=body)  # expect: http-llm-endpoint
