print("llmlint")
