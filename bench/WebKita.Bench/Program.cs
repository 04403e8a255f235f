Console.WriteLine("usage: bench/run allocation|mqtt");
