Console.WriteLine("mqtt benchmark: not built yet");
