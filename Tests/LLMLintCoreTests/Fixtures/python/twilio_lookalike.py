# Twilio's client has a `messages.create` too; without an anthropic import it is not an LLM call.
from twilio.rest import Client

client = Client(account_sid, auth_token)
message = client.messages.create(to="+15558675310", from_="+15017250604", body="Hello")
slack.chat_postMessage(channel="#general", text="hi")
intent = stripe.PaymentIntent.create(amount=2000, currency="usd")
result = chain.invoke({"question": "x"})
client.completions.create(x=1)  # expect: openai-completions
