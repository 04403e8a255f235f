Console.WriteLine("allocation benchmark: not built yet");
