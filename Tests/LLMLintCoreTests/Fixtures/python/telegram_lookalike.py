# A bot's send_message and a renderer's generate_content are not Gemini calls without a google import.
import telegram

bot = telegram.Bot(token)
bot.send_message(chat_id=1, text="hi")  # look-alike: Telegram
page.generate_content(template)  # look-alike: a renderer
client.models.generate_content(model="m", contents="x")  # expect: google-genai-models
